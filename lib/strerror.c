/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ipvsadm 1.31's messages for kernel errors.  ipvsadm scripts match on these
 * texts, so they are reproduced exactly: first the rows for one operation,
 * then the rows for any operation, then strerror().
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "ipvs-private.h"

#define ANY_OP	(-1)

static const struct {
	int op;
	int err;
	const char *text;
} ipvs_messages[] = {
	{ IPVS_OP_SERVICE_ADD, EEXIST, "Service already exists" },
	{ IPVS_OP_SERVICE_ADD, ENOENT, "Scheduler or persistence engine not found" },
	{ IPVS_OP_SERVICE_UPDATE, ESRCH, "No such service" },
	{ IPVS_OP_SERVICE_UPDATE, ENOENT, "Scheduler or persistence engine not found" },
	{ IPVS_OP_SERVICE_DEL, ESRCH, "No such service" },
	{ IPVS_OP_ZERO, ESRCH, "No such service" },
	{ IPVS_OP_DEST_ADD, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_ADD, EEXIST, "Destination already exists" },
	{ IPVS_OP_DEST_UPDATE, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_UPDATE, ENOENT, "No such destination" },
	{ IPVS_OP_DEST_DEL, ESRCH, "Service not defined" },
	{ IPVS_OP_DEST_DEL, ENOENT, "No such destination" },
	{ IPVS_OP_DAEMON_START, EEXIST, "Daemon has already run" },
	{ IPVS_OP_DAEMON_STOP, ESRCH, "No daemon is running" },
	{ IPVS_OP_SERVICE_GET, ESRCH, "No such service" },
	{ IPVS_OP_SERVICE_LIST, ESRCH, "No such service" },
	{ IPVS_OP_DEST_LIST, ESRCH, "No such service" },
	{ IPVS_OP_TABLE_READ, ESRCH, "No such service" },
	{ ANY_OP, EPERM, "Permission denied (you must be root)" },
	{ ANY_OP, EINVAL, "Invalid operation.  Possibly wrong module version, "
			  "address not unicast, ..." },
	{ ANY_OP, ENOPROTOOPT, "Protocol not available" },
	{ ANY_OP, ENOMEM, "Memory allocation problem" },
	{ ANY_OP, EOPNOTSUPP, "Operation not supported with IPv6" },
	{ ANY_OP, EAFNOSUPPORT, "Operation not supported with specified address family" },
	{ ANY_OP, EMSGSIZE, "Module is wrong version" },
};

IPVS_EXPORT const char *ipvs_strerror(enum ipvs_op op, int err)
{
	if (err < 0)
		err = -err;
	for (size_t i = 0; i < sizeof(ipvs_messages) / sizeof(ipvs_messages[0]); i++) {
		if (ipvs_messages[i].err != err)
			continue;
		if (ipvs_messages[i].op == ANY_OP || ipvs_messages[i].op == (int)op)
			return ipvs_messages[i].text;
	}
	return strerror(err);
}
