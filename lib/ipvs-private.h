/* SPDX-License-Identifier: LGPL-2.1-or-later */
#ifndef IPVS_PRIVATE_H
#define IPVS_PRIVATE_H
#include <ipvs/ipvs.h>
#define IPVS_EXPORT __attribute__((visibility("default")))
#endif
