#!/usr/bin/env python
"""The same as the ``collectief`` console command (see collectief/cli.py)."""

if __name__ == "__main__":
    from collectief.cli import main

    main()
