package provider

import "os"

// QuietUnreadLogs turns the plugin SDKs' own logs off when Terraform will
// throw them away anyway. Terraform keeps a provider's log lines only when
// TF_LOG or TF_LOG_PROVIDER is set; otherwise the SDKs still format every
// TRACE line as JSON, which the benchmark showed to be about a quarter of
// the provider's CPU time during a plan. Whenever any log setting is
// present, nothing changes, so TF_LOG=trace shows everything as usual.
// Call it first thing in main, before the provider is served.
func QuietUnreadLogs() {
	for _, name := range []string{
		"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_EXA", "TF_LOG_SDK",
		"TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO", "TF_LOG_PATH_MASK", "TF_ACC_LOG_PATH",
	} {
		if os.Getenv(name) != "" {
			return
		}
	}
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO", "TF_LOG_PROVIDER_EXA"} {
		_ = os.Setenv(name, "OFF")
	}
}
