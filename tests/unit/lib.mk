# lib unit tests
