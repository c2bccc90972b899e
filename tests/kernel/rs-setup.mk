# rs-setup kernel tests
