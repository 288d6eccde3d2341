// placeholder until the Engine layer lands
