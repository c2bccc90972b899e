# rs-setup man page
dist_man_MANS += man/rs-setup.8
