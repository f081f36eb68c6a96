print("downhill")
