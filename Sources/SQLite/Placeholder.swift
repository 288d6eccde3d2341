// placeholder until the SQLite layer lands
