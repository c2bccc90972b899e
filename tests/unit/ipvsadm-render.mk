# ipvsadm-render unit tests
