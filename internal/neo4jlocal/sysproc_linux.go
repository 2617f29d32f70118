package neo4jlocal

import "syscall"

// sysProcAttr puts the server in its own process group and asks the kernel
// to send it SIGTERM when the starting process dies.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGTERM}
}
