"""`python -m remiss`: the same as the `remiss` console script."""
from remiss.cli import main

if __name__ == "__main__":
    main()
