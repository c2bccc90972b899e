# ipvsadm-front unit tests
