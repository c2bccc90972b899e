# src/ipvsadm: rules go here
