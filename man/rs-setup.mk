# rs-setup man page
