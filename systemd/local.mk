# ipvsadm.service and the script it runs, with the paths configure chose;
# the settings template is shipped as it is (a package installs it).
pkglibexec_SCRIPTS = systemd/ipvsadm-service
systemdsystemunit_DATA += systemd/ipvsadm.service
systemd_edit = sed -e 's|@sbindir[@]|$(sbindir)|g' -e 's|@pkglibexecdir[@]|$(pkglibexecdir)|g' \
	-e 's|@rulesfile[@]|$(ipvsadm_rules)|g' -e 's|@defaultsfile[@]|$(ipvsadm_defaults)|g'
systemd/ipvsadm-service: systemd/ipvsadm-service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd && $(systemd_edit) $(srcdir)/systemd/ipvsadm-service.in > $@.tmp && \
		chmod +x $@.tmp && mv -f $@.tmp $@
systemd/ipvsadm.service: systemd/ipvsadm.service.in Makefile
	$(AM_V_GEN)$(MKDIR_P) systemd && $(systemd_edit) $(srcdir)/systemd/ipvsadm.service.in > $@
CLEANFILES += systemd/ipvsadm-service systemd/ipvsadm.service
EXTRA_DIST += systemd/ipvsadm-service.in systemd/ipvsadm.service.in systemd/default/ipvsadm
