// The terminal driver: the only module that imports CNcursesw.
