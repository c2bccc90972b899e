# rs-setup: plan -> apply -> record.
