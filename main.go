// Command terraform-provider-exa is the Terraform and OpenTofu provider for
// Exa's Websets API.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/exa-community/terraform-provider-exa/internal/provider"
)

// version is set at build time: -ldflags "-X main.version=1.2.3".
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider under a debugger such as delve")
	flag.Parse()
	if !debug {
		provider.QuietUnreadLogs()
	}

	newServer := provider.NewProtocol6Server(version)
	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	// What providerserver.Serve does, with the provider's own wrapper
	// around the framework's server (internal/provider/server.go).
	err := tf6server.Serve("registry.terraform.io/exa-community/exa", func() tfprotov6.ProviderServer {
		server, err := newServer()
		if err != nil {
			log.Fatal(err)
		}
		return server
	}, opts...)
	if err != nil {
		log.Fatal(err)
	}
}
