"""The faces of qaward: the command line (``cli``); each calls the operations, none carries rules."""
