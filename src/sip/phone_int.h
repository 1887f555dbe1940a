/*
 * phone_int.h — what the files of src/sip share about the console's
 * user agent. Declares baresip types: src/sip only.
 */
#ifndef CORDBOARD_SIP_PHONE_INT_H
#define CORDBOARD_SIP_PHONE_INT_H

#include "sip.h"

struct ua;

struct ua *sip_phone_ua(const struct sip_phone *p);

#endif
