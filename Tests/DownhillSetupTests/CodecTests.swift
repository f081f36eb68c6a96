import DownhillCore
import DownhillSetup
import Testing
