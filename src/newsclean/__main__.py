"""`python -m newsclean …` runs the command line."""

from newsclean.cli import main

if __name__ == "__main__":  # worker processes import this module too; they must not run it
    main()
