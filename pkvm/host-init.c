// SPDX-License-Identifier: GPL-2.0
/*
 * init for the pKVM host: mount what the VMM needs, run the command given
 * after "--" on the kernel command line (the VMM and its arguments), report
 * how it ended, and power off (QEMU runs with -no-reboot).
 */
#include <stdio.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status = 0;
	pid_t pid;

	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	mount("proc", "/proc", "proc", 0, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (argc < 2) {
		printf("host-init: no command after \"--\" on the kernel command line\n");
		goto out;
	}
	pid = fork();
	if (!pid) {
		execv(argv[1], argv + 1);
		perror("host-init: exec");
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		perror("host-init");
		goto out;
	}
	if (WIFEXITED(status))
		printf("host-init: %s exited with status %d\n", argv[1],
		       WEXITSTATUS(status));
	else
		printf("host-init: %s killed by signal %d\n", argv[1],
		       WTERMSIG(status));
out:
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
