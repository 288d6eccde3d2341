// placeholder until the Storage layer lands
