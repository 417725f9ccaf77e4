"""Demo data for `make run` and the browser tests: two nämnder, a user per role and remisser from the seed cases."""
