// SPDX-License-Identifier: GPL-2.0
/*
 * An 8250 UART as far as a Linux console without an interrupt needs it:
 * bytes written to THR go to standard output; LSR always says the
 * transmitter is empty; IIR says "transmitter empty" while the driver has
 * that interrupt enabled, which is what Linux's polling timer looks for
 * before it sends the next bytes of a tty write.  Writes to THR while the
 * divisor latch is selected set the baud rate and are dropped.
 */
#include <stdio.h>
#include <string.h>

#include "vmm.h"

#define UART_THR	0
#define UART_IER	1
#define UART_IIR	2
#define UART_LCR	3
#define UART_LSR	5
#define UART_IER_THRI	0x02
#define UART_IIR_NO_INT	0x01
#define UART_IIR_THRI	0x02
#define UART_LCR_DLAB	0x80
#define UART_LSR_TEMT	0x40
#define UART_LSR_THRE	0x20

static uint8_t ier, lcr;

void serial_mmio(uint64_t offset, bool is_write, uint8_t *data)
{
	if (is_write) {
		if (lcr & UART_LCR_DLAB) {
			if (offset == UART_LCR)
				lcr = data[0];
			return;
		}
		switch (offset) {
		case UART_THR:
			putchar(data[0]);
			break;
		case UART_IER:
			ier = data[0];
			break;
		case UART_LCR:
			lcr = data[0];
			break;
		}
		return;
	}

	memset(data, 0, 8);
	if (lcr & UART_LCR_DLAB) {
		if (offset == UART_LCR)
			data[0] = lcr;
		return;
	}
	switch (offset) {
	case UART_IER:
		data[0] = ier;
		break;
	case UART_IIR:
		data[0] = ier & UART_IER_THRI ? UART_IIR_THRI : UART_IIR_NO_INT;
		break;
	case UART_LCR:
		data[0] = lcr;
		break;
	case UART_LSR:
		data[0] = UART_LSR_TEMT | UART_LSR_THRE;
		break;
	}
}
