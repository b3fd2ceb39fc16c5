print("inspekt")
