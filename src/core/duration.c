/*
 * duration.c — seconds as a clock: the one place the console writes a
 * wait or a call's length.
 */
#include "duration.h"

#include <stdio.h>

const char *duration_text(char *buf, size_t sz, int64_t s)
{
	if (s < 0)
		s = 0;
	if (s < 3600)
		return duration_minutes_text(buf, sz, s);
	snprintf(buf, sz, "%lld:%02lld:%02lld", (long long)(s / 3600),
		 (long long)(s / 60 % 60), (long long)(s % 60));
	return buf;
}

const char *duration_minutes_text(char *buf, size_t sz, int64_t s)
{
	if (s < 0)
		s = 0;
	snprintf(buf, sz, "%lld:%02lld", (long long)(s / 60),
		 (long long)(s % 60));
	return buf;
}
