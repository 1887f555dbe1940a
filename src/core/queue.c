/*
 * queue.c — the waiting room (queue.h).
 */
#include "queue.h"
