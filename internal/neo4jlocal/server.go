package neo4jlocal

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// DefaultPassword is the neo4j user's password when none is given.
const DefaultPassword = "kinmap-dev-password"

// DefaultStartTimeout bounds the wait for the server (not the build) when
// ctx has no deadline.
const DefaultStartTimeout = 3 * time.Minute

const (
	readyPrefix = "NEO4J READY "
	stopTimeout = 30 * time.Second
)

// jvmArgs are the JVM flags before the classpath (see neo4jlocal/README.md).
var jvmArgs = []string{
	"-Xms128m", "-Xmx512m",
	"--add-opens=java.base/java.nio=ALL-UNNAMED",
	"--add-opens=java.base/java.io=ALL-UNNAMED",
	"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
	"-Dio.netty.tryReflectionSetAccessible=true",
}

// Options configures Start.
type Options struct {
	Home     string    // data folder (required); created when missing
	Port     int       // Bolt port on 127.0.0.1; 0 picks a free one
	Password string    // the neo4j user's password; DefaultPassword when empty
	RepoRoot string    // folder with go.mod and neo4jlocal/pom.xml; found from the working dir when empty
	Log      io.Writer // receives build and server output; discarded when nil
}

// Server is a running local Neo4j.
type Server struct {
	opt      Options // as started: Home absolute, Port and RepoRoot filled in
	uri      string
	password string
	cmd      *exec.Cmd
	done     chan struct{} // closed when the process has exited
	waitErr  error         // set before done is closed

	stopOnce sync.Once
	stopErr  error
}

// Start builds the launcher if needed, starts Neo4j and waits until it
// accepts Bolt connections. It gives up when ctx ends or, if ctx has no
// deadline, DefaultStartTimeout after the build.
func Start(ctx context.Context, opt Options) (*Server, error) {
	if opt.Home == "" {
		return nil, errors.New("neo4jlocal: Options.Home is required")
	}
	pw := opt.Password
	if pw == "" {
		pw = DefaultPassword
	}
	if len(pw) < 8 {
		return nil, errors.New("neo4jlocal: password must have at least 8 characters")
	}
	logw := opt.Log
	if logw == nil {
		logw = io.Discard
	}
	root := opt.RepoRoot
	if root == "" {
		r, err := FindRepoRoot("")
		if err != nil {
			return nil, err
		}
		root = r
	}
	home, err := filepath.Abs(opt.Home)
	if err != nil {
		return nil, fmt.Errorf("neo4jlocal: home: %w", err)
	}
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, fmt.Errorf("neo4jlocal: home: %w", err)
	}
	port := opt.Port
	if port == 0 {
		if port, err = freePort(); err != nil {
			return nil, err
		}
	}
	logw = &lockedWriter{w: logw}
	if err := buildLauncher(ctx, root, logw); err != nil {
		return nil, err
	}
	opt.Home, opt.Port, opt.Password, opt.RepoRoot, opt.Log = home, port, pw, root, logw
	return launch(ctx, opt)
}

// launch starts the server of opt (complete, as Start fills it in).
func launch(ctx context.Context, opt Options) (*Server, error) {
	root, home, port, pw, logw := opt.RepoRoot, opt.Home, opt.Port, opt.Password, opt.Log
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultStartTimeout)
		defer cancel()
	}

	target := filepath.Join(root, "neo4jlocal", "target")
	args := append(append([]string{}, jvmArgs...),
		"-cp", filepath.Join(target, "classes")+string(os.PathListSeparator)+filepath.Join(target, "lib", "*"),
		"kinmap.neo4jlocal.Launcher", "--home", home, "--port", strconv.Itoa(port))
	cmd := exec.Command(javaPath(), args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "NEO4J_PASSWORD="+pw)
	cmd.SysProcAttr = sysProcAttr()
	tail := &tailBuffer{max: 4096}
	cmd.Stderr = io.MultiWriter(logw, tail)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("neo4jlocal: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("neo4jlocal: start java: %w", err)
	}

	s := &Server{opt: opt, password: pw, cmd: cmd, done: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logw, line)
			if uri, ok := strings.CutPrefix(line, readyPrefix); ok {
				select {
				case ready <- strings.TrimSpace(uri):
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, stdout) // drain after an over-long line
		s.waitErr = cmd.Wait()
		close(s.done)
	}()

	select {
	case s.uri = <-ready:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("neo4jlocal: server exited during start-up (%v): %s", s.waitErr, tail.String())
	case <-ctx.Done():
		_ = s.Stop()
		return nil, fmt.Errorf("neo4jlocal: waiting for server: %w", ctx.Err())
	}
}

// URI is the Bolt address, bolt://127.0.0.1:PORT.
func (s *Server) URI() string { return s.uri }

// Password is the neo4j user's password.
func (s *Server) Password() string { return s.password }

// Stop sends SIGTERM to the server's process group and waits for a clean
// shutdown, killing it after 30 seconds. It is safe to call more than once.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		pgid := -s.cmd.Process.Pid
		if err := syscall.Kill(pgid, syscall.SIGTERM); err != nil && !errors.Is(err, syscall.ESRCH) {
			s.stopErr = fmt.Errorf("neo4jlocal: stop: %w", err)
		}
		_ = syscall.Kill(pgid, syscall.SIGCONT) // a paused server handles SIGTERM only once continued
		select {
		case <-s.done:
		case <-time.After(stopTimeout):
			_ = syscall.Kill(pgid, syscall.SIGKILL)
			<-s.done
			s.stopErr = fmt.Errorf("neo4jlocal: server did not stop within %s and was killed", stopTimeout)
		}
	})
	return s.stopErr
}

// Pause stops the server's processes (SIGSTOP) without closing their
// sockets: clients see a server that accepts and never answers, as with a
// stalled machine or a long GC pause. Resume continues them.
func (s *Server) Pause() error { return s.signal(syscall.SIGSTOP) }

// Resume continues a paused server (SIGCONT).
func (s *Server) Resume() error { return s.signal(syscall.SIGCONT) }

// Kill kills the server at once (SIGKILL), as a crash or a power cut
// would, and waits for it to exit. Committed transactions survive in its
// home folder; Restart starts it again from there.
func (s *Server) Kill() error {
	err := s.signal(syscall.SIGKILL)
	<-s.done
	return err
}

// Restart starts a new server on the same home folder, port and
// password (so the same URI and the same data) after the old one has
// exited; the old Server must have been killed or stopped.
func (s *Server) Restart(ctx context.Context) (*Server, error) {
	select {
	case <-s.done:
	default:
		return nil, errors.New("neo4jlocal: restart of a server that is still running")
	}
	return launch(ctx, s.opt)
}

func (s *Server) signal(sig syscall.Signal) error {
	if err := syscall.Kill(-s.cmd.Process.Pid, sig); err != nil && !errors.Is(err, syscall.ESRCH) {
		return fmt.Errorf("neo4jlocal: %v: %w", sig, err)
	}
	return nil
}

// buildLauncher runs scripts/neo4j-build.sh (quick when already built). The
// first build downloads from Maven Central, so only ctx's own end stops it.
func buildLauncher(ctx context.Context, root string, logw io.Writer) error {
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "neo4j-build.sh"))
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = logw, logw
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("neo4jlocal: build launcher: %w", err)
	}
	return nil
}

func javaPath() string {
	if jh := os.Getenv("JAVA_HOME"); jh != "" {
		if p := filepath.Join(jh, "bin", "java"); isFile(p) {
			return p
		}
	}
	return "java"
}

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("neo4jlocal: free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// lockedWriter serialises writes from the stdout and stderr copiers.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = t.b[len(t.b)-t.max:]
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}
