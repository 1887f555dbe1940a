/*
 * tls.c — the console's SIP over TLS. baresip 1.0.0 builds its TLS
 * transport on libre 1.1.0, which never checks the server's certificate:
 * this file puts in place a transport whose context does, and remembers
 * why a server was refused, for the status line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "baresip_abi.h"
#include "sip.h"

/* libre declares it only for its own build (USE_OPENSSL); it exports
 * it always. */
struct ssl_ctx_st *tls_openssl_context(const struct tls *tls);

static struct tls *sip_tls;
static char refusal[160];

/* What is wrong with the server's certificate, in the operator's
 * words where OpenSSL's would puzzle. */
static const char *refusal_text(int err)
{
	switch (err) {
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_SIGNATURE_FAILURE:
		return "its certificate is not signed by tls_ca";
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return "its certificate is for another server name";
	case X509_V_ERR_CERT_HAS_EXPIRED:
		return "its certificate has expired";
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return "its certificate is not valid yet";
	default:
		return X509_verify_cert_error_string(err);
	}
}

/* Called by OpenSSL for each certificate of the server's chain. */
static int verify_cb(int ok, X509_STORE_CTX *store)
{
	if (!ok)
		snprintf(refusal, sizeof(refusal), "%s",
			 refusal_text(X509_STORE_CTX_get_error(store)));
	else if (X509_STORE_CTX_get_error_depth(store) == 0)
		refusal[0] = '\0';
	return ok;
}

/* The certificate must name the server we asked for: an IP address
 * as an IP subjectAltName, a host name as a DNS one. */
static int verify_name(SSL_CTX *ctx, const char *host)
{
	X509_VERIFY_PARAM *param = SSL_CTX_get0_param(ctx);
	struct sa sa;

	if (!sa_set_str(&sa, host, 0))
		return X509_VERIFY_PARAM_set1_ip_asc(param, host) ? 0 : EINVAL;
	return X509_VERIFY_PARAM_set1_host(param, host, 0) ? 0 : EINVAL;
}

/* The host of a sip: URI, or "" when it has none. */
static void uri_host(char *out, size_t sz, const char *uri_text)
{
	struct pl pl;
	struct uri uri;

	out[0] = '\0';
	pl_set_str(&pl, uri_text);
	if (!uri_decode(&uri, &pl))
		pl_strcpy(&uri.host, out, sz);
}

int sip_tls_setup(const char *listen, const char *registrar,
		  const char *ca, bool verify, char *msg, size_t msgsz)
{
	struct sip *sip = uag_sip();
	char host[256];
	struct sa laddr, tls_addr;
	SSL_CTX *ctx;
	int err;

	if (sa_decode(&laddr, listen, strlen(listen)) ||
	    !sa_isset(&laddr, SA_ADDR) || sa_is_any(&laddr)) {
		snprintf(msg, msgsz, "transport = tls needs listen with the "
			 "console's own address, not '%s'", listen);
		return EINVAL;
	}
	err = tls_alloc(&sip_tls, TLS_METHOD_SSLV23, NULL, NULL);
	if (err) {
		snprintf(msg, msgsz, "cannot set up TLS: %s", strerror(err));
		return err;
	}
	ctx = tls_openssl_context(sip_tls);
	if (ca && *ca)
		err = tls_add_ca(sip_tls, ca);
	else if (!SSL_CTX_set_default_verify_paths(ctx))
		err = EINVAL;
	if (err) {
		snprintf(msg, msgsz, "tls_ca '%s' holds no CA certificate we "
			 "can read", ca && *ca ? ca : "(the system's)");
		goto out;
	}
	if (verify) {
		uri_host(host, sizeof(host), registrar);
		SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, verify_cb);
		if (host[0] && verify_name(ctx, host)) {
			snprintf(msg, msgsz, "cannot check the name '%s' of "
				 "the TLS server", host);
			err = EINVAL;
			goto out;
		}
	}
	/* baresip's own transports go: libre uses the first TLS one */
	sip_transp_flush(sip);
	tls_addr = laddr;
	sa_set_port(&tls_addr, sa_port(&laddr) + 1);
	err = sip_transp_add(sip, SIP_TRANSP_UDP, &laddr);
	if (!err)
		err = sip_transp_add(sip, SIP_TRANSP_TCP, &laddr);
	if (!err)
		err = sip_transp_add(sip, SIP_TRANSP_TLS, &tls_addr, sip_tls);
	if (err)
		snprintf(msg, msgsz, "cannot listen on %s: %s", listen,
			 strerror(err));
out:
	if (err)
		sip_tls = mem_deref(sip_tls);
	return err;
}

const char *sip_tls_refusal(void)
{
	return refusal[0] ? refusal : NULL;
}

void sip_tls_close(void)
{
	sip_tls = mem_deref(sip_tls);
}
