#!/usr/bin/env bash
# Regenerates the PEM corpus in test/fixtures/keys/ that test/unit/pem*.test.ts runs against, and
# the keys of the demo workspace in test/fixtures/sample-workspace/.
#
#   scripts/make-key-fixtures.sh            (from any directory)
#
# Every key here is a throwaway test key, generated fresh each run; none is used anywhere else.
# Expected fingerprints are written next to each key as NAME.md5 and are computed by openssl
# (MD5 of the DER SubjectPublicKeyInfo, `openssl md5 -c`), so the tests compare our analyzer
# against openssl rather than against itself. Files whose public key cannot be determined without
# a password (encrypted keys) or at all (CSR, parameters, broken files) have no .md5 file.
#
# Needs openssl 3; ssh-keygen (OpenSSH) is optional and only adds the SSH-format fixtures.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/test/fixtures/keys"
rm -rf "$out"
mkdir -p "$out"
cd "$out"
# Byte-exact files: CRLF, BOM and binary variants must not be "fixed" by git on checkout.
printf '* -text\n' > .gitattributes

# openssl prints "MD5(stdin)= aa:bb:..."; keep only the colon-separated hex.
md5_of_der() { openssl md5 -c | sed -e 's/^.*= //'; }
fp_public() { openssl pkey -pubin -in "$1" -outform DER | md5_of_der > "$2.md5"; }
fp_private() { openssl pkey -in "$1" -pubout -outform DER | md5_of_der > "$2.md5"; }
fp_cert() { openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform DER | md5_of_der > "$2.md5"; }
# For variants whose key is still recoverable (layout changes, a lost END line): the fingerprint of
# the file they were made from, since openssl itself may refuse to read the variant.
fp_copy() { cp "$1.md5" "$2.md5"; }

# --- EC keys on IVS's curve and on curves IVS rejects -------------------------------------
for curve in secp384r1:p384 prime256v1:p256 secp521r1:p521 secp256k1:secp256k1; do
  name="${curve%%:*}"; short="${curve##*:}"
  openssl ecparam -name "$name" -genkey -noout -out "ec-$short-private-sec1.pem"
  openssl pkcs8 -topk8 -nocrypt -in "ec-$short-private-sec1.pem" -out "ec-$short-private-pkcs8.pem"
  openssl ec -in "ec-$short-private-sec1.pem" -pubout -out "ec-$short-public.pem" 2>/dev/null
  fp_private "ec-$short-private-sec1.pem" "ec-$short-private-sec1.pem"
  fp_private "ec-$short-private-pkcs8.pem" "ec-$short-private-pkcs8.pem"
  fp_public "ec-$short-public.pem" "ec-$short-public.pem"
done

# `openssl ecparam -genkey` without -noout also writes an EC PARAMETERS block before the key.
openssl ecparam -name secp384r1 -genkey -out ec-p384-private-with-params.pem
fp_private ec-p384-private-with-params.pem ec-p384-private-with-params.pem
openssl ecparam -name secp384r1 -out ec-p384-params.pem

# --- RSA ----------------------------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-2048-private-pkcs8.pem 2>/dev/null
openssl rsa -in rsa-2048-private-pkcs8.pem -traditional -out rsa-2048-private-pkcs1.pem 2>/dev/null
openssl rsa -in rsa-2048-private-pkcs8.pem -pubout -out rsa-2048-public.pem 2>/dev/null
openssl rsa -in rsa-2048-private-pkcs8.pem -RSAPublicKey_out -out rsa-2048-public-pkcs1.pem 2>/dev/null
fp_private rsa-2048-private-pkcs8.pem rsa-2048-private-pkcs8.pem
fp_private rsa-2048-private-pkcs1.pem rsa-2048-private-pkcs1.pem
fp_public rsa-2048-public.pem rsa-2048-public.pem
openssl rsa -RSAPublicKey_in -in rsa-2048-public-pkcs1.pem -pubout -outform DER 2>/dev/null | md5_of_der > rsa-2048-public-pkcs1.pem.md5

# --- Ed25519 --------------------------------------------------------------------------------
openssl genpkey -algorithm ed25519 -out ed25519-private.pem
openssl pkey -in ed25519-private.pem -pubout -out ed25519-public.pem
fp_private ed25519-private.pem ed25519-private.pem
fp_public ed25519-public.pem ed25519-public.pem

# --- Encrypted private keys (password: test) -----------------------------------------------------
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:test -in ec-p384-private-sec1.pem -out ec-p384-private-pkcs8-encrypted.pem
# OpenSSL's "traditional" encryption: an EC PRIVATE KEY block with Proc-Type/DEK-Info headers.
openssl ec -in ec-p384-private-sec1.pem -aes256 -passout pass:test -out ec-p384-private-sec1-encrypted.pem 2>/dev/null

# --- Certificates and a CSR ------------------------------------------------------------------------
openssl req -x509 -new -key ec-p384-private-sec1.pem -subj "/CN=ivs-keys test P-384" -days 3650 -sha384 -out cert-ec-p384.crt
openssl req -x509 -new -key rsa-2048-private-pkcs8.pem -subj "/CN=localhost" -days 3650 -sha256 -out cert-rsa-2048.crt
openssl req -new -key ec-p384-private-sec1.pem -subj "/CN=ivs-keys test request" -out request-ec-p384.csr
fp_cert cert-ec-p384.crt cert-ec-p384.crt
fp_cert cert-rsa-2048.crt cert-rsa-2048.crt
# A chain: two certificates in one file, as TLS servers are often configured.
cat cert-rsa-2048.crt cert-ec-p384.crt > cert-chain.crt

# --- Binary DER (not PEM) ------------------------------------------------------------------------------
openssl pkey -pubin -in ec-p384-public.pem -outform DER -out ec-p384-public.der
fp_copy ec-p384-public.pem ec-p384-public.der

# --- SSH formats (optional) -------------------------------------------------------------------------
if command -v ssh-keygen >/dev/null 2>&1; then
  ssh-keygen -q -t ecdsa -b 384 -N '' -C 'test@ivs-keys' -f ssh-ecdsa-p384 && mv ssh-ecdsa-p384 ssh-ecdsa-p384-private
  ssh-keygen -q -t ed25519 -N '' -C 'test@ivs-keys' -f ssh-ed25519 && mv ssh-ed25519 ssh-ed25519-private
  ssh-keygen -q -t ecdsa -b 384 -N 'test' -C 'test@ivs-keys' -f ssh-ecdsa-p384-encrypted && rm ssh-ecdsa-p384-encrypted.pub
  mv ssh-ecdsa-p384-encrypted ssh-ecdsa-p384-encrypted-private
  ssh-keygen -e -m PKCS8 -f ssh-ecdsa-p384.pub | openssl pkey -pubin -outform DER | md5_of_der > ssh-ecdsa-p384.pub.md5
  # ssh-keygen cannot export Ed25519 as PKCS8: wrap the raw 32-byte key (the last 32 bytes of the
  # SSH blob) in the fixed Ed25519 SPKI prefix from RFC 8410, and let openssl re-encode it.
  { printf '\x30\x2a\x30\x05\x06\x03\x2b\x65\x70\x03\x21\x00'; awk '{print $2}' ssh-ed25519.pub | openssl base64 -d -A | tail -c 32; } \
    | openssl pkey -pubin -inform DER -outform DER | md5_of_der > ssh-ed25519.pub.md5
  for f in ssh-ecdsa-p384 ssh-ed25519; do cp "$f.pub.md5" "$f-private.md5"; done
  ssh-keygen -e -m PKCS8 -f ssh-ecdsa-p384-encrypted-private -P test 2>/dev/null | openssl pkey -pubin -outform DER | md5_of_der > ssh-ecdsa-p384-encrypted-private.md5
fi

# --- Layout variants of the valid P-384 public key: importable or not, the key is intact ------------------
pub=ec-p384-public.pem
# CRLF line endings.
sed -e 's/$/\r/' "$pub" > variant-crlf.pem && fp_copy "$pub" variant-crlf.pem
# Mixed: only the BEGIN line ends in CRLF.
sed -e '1s/$/\r/' "$pub" > variant-mixed-eol.pem && fp_copy "$pub" variant-mixed-eol.pem
# A UTF-8 byte order mark.
{ printf '\xef\xbb\xbf'; cat "$pub"; } > variant-bom.pem && fp_copy "$pub" variant-bom.pem
# Text before and after the block, as when a key is pasted from an email or a console.
{ echo 'Here is the playback public key:'; cat "$pub"; echo 'Thanks!'; } > variant-surrounding-text.pem && fp_copy "$pub" variant-surrounding-text.pem
# A blank line after END: a PEM parser does not care, ImportPublicKey's pattern does.
{ cat "$pub"; echo; } > variant-trailing-blank-line.pem && fp_copy "$pub" variant-trailing-blank-line.pem
# No final newline.
printf '%s' "$(cat "$pub")" > variant-no-final-newline.pem && fp_copy "$pub" variant-no-final-newline.pem
# The base64 on a single line, and wrapped at 76 columns (MIME style).
{ echo '-----BEGIN PUBLIC KEY-----'; openssl pkey -pubin -in "$pub" -outform DER | openssl base64 -A; echo; echo '-----END PUBLIC KEY-----'; } > variant-one-line.pem && fp_copy "$pub" variant-one-line.pem
{ echo '-----BEGIN PUBLIC KEY-----'; openssl pkey -pubin -in "$pub" -outform DER | openssl base64 -A | fold -w 76; echo; echo '-----END PUBLIC KEY-----'; } > variant-76-columns.pem && fp_copy "$pub" variant-76-columns.pem
# Trailing spaces after the base64 lines.
sed -e '2,3s/$/  /' "$pub" > variant-trailing-spaces.pem && fp_copy "$pub" variant-trailing-spaces.pem

# --- Broken files ------------------------------------------------------------------------------------
: > broken-empty.pem
printf '\n  \n\n' > broken-whitespace-only.pem
echo 'This file was supposed to hold a key.' > broken-not-pem.pem
# Truncated in the middle of the base64: no END line.
head -c 120 "$pub" > broken-truncated.pem
# The END line lost, the base64 intact.
head -n 4 "$pub" > broken-missing-end.pem && fp_copy "$pub" broken-missing-end.pem
# END says something else than BEGIN.
sed -e 's/-----END PUBLIC KEY-----/-----END EC PRIVATE KEY-----/' "$pub" > broken-label-mismatch.pem && fp_copy "$pub" broken-label-mismatch.pem
# Characters outside the base64 alphabet on line 3 (0-based line 2).
sed -e '3s/^\(.\{10\}\)..../\1!*#?/' "$pub" > broken-bad-characters.pem
# Padding in the wrong place: a '=' in the middle of the base64.
sed -e '2s/^\(.\{20\}\)./\1=/' "$pub" > broken-bad-padding.pem
# A line missing from the middle: valid-looking base64 that no longer decodes to a key.
sed -e '3d' "$pub" > broken-missing-line.pem
# An END line without a BEGIN.
tail -n +2 "$pub" > broken-missing-begin.pem
# Random bytes with a .pem name.
head -c 600 /dev/urandom > broken-binary.pem

# --- Several blocks in one file ------------------------------------------------------------------------
cat ec-p384-public.pem ec-p384-private-sec1.pem > multi-public-and-private.pem
cat ec-p384-public.pem ec-p256-public.pem > multi-two-public-keys.pem

echo "wrote $(ls | wc -l) files to $out"

# --- The demo workspace ----------------------------------------------------------------------------
# Its README.md and .gitignore are written by hand; only the keys are regenerated here.
ws="$root/test/fixtures/sample-workspace"
mkdir -p "$ws/keys" "$ws/certs"
cd "$ws"
openssl ecparam -name secp384r1 -genkey -noout -out keys/playback-private.pem
openssl ec -in keys/playback-private.pem -pubout -out keys/playback-public.pem 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout | openssl ec -pubout -out keys/p256-public.pem 2>/dev/null
# A public key whose END line was lost in copying.
openssl ecparam -name secp384r1 -genkey -noout | openssl ec -pubout 2>/dev/null | head -n 4 > keys/broken.pem
# A TLS-style server certificate with its own RSA key (the key itself is not kept).
openssl req -x509 -newkey rsa:2048 -nodes -keyout /dev/null -subj "/CN=localhost" -days 3650 -out certs/server.crt 2>/dev/null
echo "wrote the keys of $ws"
