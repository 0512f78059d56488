"""`python -m coopsearch` runs the command-line tool."""
from .cli import main

main()
