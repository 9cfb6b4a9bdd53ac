/*
 * lcg: a fixed linear congruential sequence, so that every run of a test
 * draws the same numbers.  A test defines LCG_SEED, then includes this.
 */
#ifndef ZF_LCG_H
#define ZF_LCG_H

#include <stdint.h>

static uint32_t random_state = LCG_SEED;

/* The next number of the sequence, from 0 to below - 1. */
static uint32_t
next_random(uint32_t below)
{
	random_state = random_state * 1103515245u + 12345u;
	return (random_state >> 8) % below;
}

#endif
