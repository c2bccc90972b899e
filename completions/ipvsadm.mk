# ipvsadm completions.  bash-completion loads a file by command name, so
# the bash file is called "ipvsadm"; the -save/-restore files source it.
dist_bashcomp_DATA += \
	completions/ipvsadm \
	completions/ipvsadm-save \
	completions/ipvsadm-restore
dist_zshcomp_DATA += completions/_ipvsadm
