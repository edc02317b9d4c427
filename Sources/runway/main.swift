print("runway")
