# ipvsadm parse/validate/execute (owned by the front-end work)
