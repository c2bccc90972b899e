# Shell completions (bash, zsh).
include completions/ipvsadm.mk
include completions/rs-setup.mk
