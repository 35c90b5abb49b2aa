// act-cache-server runs nektos/act's real Actions cache service (pkg/artifactcache, protocol v1)
// on its own, for the tests: the same handler `act` embeds for every run.
//
//	act-cache-server -addr 127.0.0.1 -port 0 -dir DIR
//
// Once listening it prints one JSON line on stdout, {"url":"http://127.0.0.1:PORT/TOKEN/"}: the
// value act puts in ACTIONS_CACHE_URL (ExternalURL() + "/"). It stops cleanly on SIGTERM/SIGINT.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/nektos/act/pkg/artifactcache"
	"github.com/sirupsen/logrus"
)

func main() {
	addr := flag.String("addr", "127.0.0.1", "address to listen on (act's --cache-server-addr)")
	port := flag.Uint("port", 0, "port to listen on, 0 for any free one (act's --cache-server-port)")
	dir := flag.String("dir", "", "storage directory (act's --cache-server-path); default ~/.cache/actcache")
	externalURL := flag.String("external-url", "", "URL clients use, if not http://ADDR:PORT (act's --cache-server-external-url)")
	verbose := flag.Bool("v", false, "log every request on stderr")
	flag.Parse()
	if *port > 65535 {
		fail(fmt.Errorf("port %d out of range", *port))
	}

	logger := logrus.New()
	logger.Out = os.Stderr
	if *verbose {
		logger.SetLevel(logrus.DebugLevel)
	} else {
		logger.SetLevel(logrus.WarnLevel)
	}

	// Registered before the listener exists, so a SIGTERM right after the URL line is never lost.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)

	h, err := artifactcache.StartHandler(*dir, *externalURL, *addr, uint16(*port), logger)
	if err != nil {
		fail(err)
	}
	line, _ := json.Marshal(map[string]string{"url": h.ExternalURL() + "/"})
	fmt.Println(string(line))

	s := <-sig
	logger.Infof("received %v, stopping", s)
	if err := h.Close(); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "act-cache-server: %v\n", err)
	os.Exit(1)
}
