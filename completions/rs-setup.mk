# rs-setup completions.  bash looks a completion up by the command's name,
# so the bash file is installed as "rs-setup" (a copy made in the build tree).
dist_bashcomp_DATA += completions/bash/rs-setup
dist_zshcomp_DATA += completions/_rs-setup
EXTRA_DIST += completions/rs-setup.bash
CLEANFILES += completions/bash/rs-setup
completions/bash/rs-setup: completions/rs-setup.bash
	$(AM_V_GEN)$(MKDIR_P) completions/bash && cp $(srcdir)/completions/rs-setup.bash $@
