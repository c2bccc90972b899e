# rs-setup unit tests
