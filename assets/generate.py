#!/usr/bin/env python3
"""Regenerate the sample inputs in assets/ (needs python3 with `cryptography`).

Every token here is synthetic: signed with the throwaway test key in
assets/sample-signing-key.pem (its public half is sample-signing-key.pub.pem and
sample-jwks.json). No real tenant, subscription or credential appears anywhere.

    python3 assets/generate.py          # rewrite the samples with the existing key
    python3 assets/generate.py --new-key  # also make a new key
"""
import base64
import hashlib
import json
import pathlib
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

HERE = pathlib.Path(__file__).resolve().parent
KEY = HERE / "sample-signing-key.pem"

# 2026-11-24T08:00:00Z: the samples are "fresh" at the README's --now.
IAT = 1795507200
TENANT = "8c3dad1d-b6bc-4f8b-939b-8263372eced6"
SUB_ID = "5f1d2a7e-0b1c-4e8a-9f0d-2c3b4a5d6e7f"


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def load_key():
    if "--new-key" in sys.argv or not KEY.exists():
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        KEY.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    return serialization.load_pem_private_key(KEY.read_bytes(), password=None)


def kid_of(pub) -> str:
    der = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return b64u(hashlib.sha1(der).digest())


def sign(key, header: dict, payload: dict) -> str:
    h = b64u(json.dumps(header, separators=(",", ":")).encode())
    p = b64u(json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode())
    sig = key.sign(f"{h}.{p}".encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{h}.{p}.{b64u(sig)}"


def write_json(name: str, doc) -> None:
    (HERE / name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def main() -> None:
    key = load_key()
    pub = key.public_key()
    kid = kid_of(pub)
    (HERE / "sample-signing-key.pub.pem").write_bytes(
        pub.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    nums = pub.public_numbers()
    n = nums.n.to_bytes((nums.n.bit_length() + 7) // 8, "big")
    write_json(
        "sample-jwks.json",
        {"keys": [{"kty": "RSA", "use": "sig", "kid": kid, "x5t": kid, "n": b64u(n), "e": "AQAB"}]},
    )
    header = {"typ": "JWT", "alg": "RS256", "x5t": kid, "kid": kid}
    v1_iss = f"https://sts.windows.net/{TENANT}/"

    # 1. IMDS answer for a VM's system-assigned identity, asking for Azure Resource Manager.
    mi_app = "2f7c1a6e-9d4b-4c3e-8a1f-6b5d4c3e2a10"
    mi_oid = "b1e2c3d4-5f60-4718-9a2b-3c4d5e6f7081"
    exp = IAT + 86700
    mi = {
        "aud": "https://management.azure.com/",
        "iss": v1_iss,
        "iat": IAT,
        "nbf": IAT,
        "exp": exp,
        "aio": "k2JgYJjQ9f7a/sample/AA==",
        "appid": mi_app,
        "appidacr": "2",
        "idp": v1_iss,
        "idtyp": "app",
        "oid": mi_oid,
        "rh": "1.AXEAsample-opaque-revalidation-data.",
        "sub": mi_oid,
        "tid": TENANT,
        "uti": "c2FtcGxlLXV0aS0x",
        "ver": "1.0",
        "xms_idrel": "7 30",
        "xms_mirid": f"/subscriptions/{SUB_ID}/resourcegroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01",
        "xms_tcdt": 1698417557,
    }
    write_json(
        "managedid.json",
        {
            "access_token": sign(key, header, mi),
            "client_id": mi_app,
            "expires_in": "86399",
            "expires_on": str(exp),
            "ext_expires_in": "86399",
            "not_before": str(IAT),
            "resource": "https://management.azure.com/",
            "token_type": "Bearer",
        },
    )

    # 2. A user-assigned identity attached to the same VM, asking for Key Vault.
    ua_app = "7a9b8c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
    ua_oid = "0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a"
    ua = dict(mi)
    ua.update(
        {
            "aud": "https://vault.azure.net",
            "appid": ua_app,
            "oid": ua_oid,
            "sub": ua_oid,
            "xms_mirid": f"/subscriptions/{SUB_ID}/resourcegroups/rg-identities/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-keyvault-reader",
            "xms_az_rid": f"/subscriptions/{SUB_ID}/resourcegroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/vm-web-01",
        }
    )
    write_json(
        "managedid-user-assigned.json",
        {
            "access_token": sign(key, header, ua),
            "client_id": ua_app,
            "expires_in": "86399",
            "expires_on": str(exp),
            "ext_expires_in": "86399",
            "not_before": str(IAT),
            "resource": "https://vault.azure.net",
            "token_type": "Bearer",
        },
    )

    # 3. What IMDS answers on a VM without a managed identity.
    write_json("noid.json", {"error": "invalid_request", "error_description": "Identity not found"})

    # 4. `az account get-access-token` output: a delegated user token for ARM via Azure CLI.
    user_oid = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
    az_exp = IAT + 4499
    user = {
        "aud": "https://management.core.windows.net/",
        "iss": v1_iss,
        "iat": IAT,
        "nbf": IAT,
        "exp": az_exp,
        "acr": "1",
        "aio": "AVQAq/8sample",
        "amr": ["pwd", "mfa"],
        "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
        "appidacr": "0",
        "family_name": "Doe",
        "given_name": "Avery",
        "idtyp": "user",
        "ipaddr": "203.0.113.7",
        "name": "Avery Doe",
        "oid": user_oid,
        "puid": "10032001SAMPLE00",
        "rh": "0.AXEAsample.",
        "scp": "user_impersonation",
        "sub": "Jm1xW9sample-pairwise-subject-0aQ",
        "tid": TENANT,
        "unique_name": "avery@contoso.example",
        "upn": "avery@contoso.example",
        "uti": "c2FtcGxlLXV0aS0y",
        "ver": "1.0",
        "wids": ["b79fbf4d-3ef9-4689-8143-76b194e85509"],
        "xms_cc": ["CP1"],
        "xms_idrel": "1 14",
        "xms_tcdt": "1615375629",
    }
    write_json(
        "az-get-access-token.json",
        {
            "accessToken": sign(key, header, user),
            "expiresOn": "2026-11-24 09:14:59.000000",
            "expires_on": az_exp,
            "subscription": SUB_ID,
            "tenant": TENANT,
            "tokenType": "Bearer",
        },
    )

    # 5. An OAuth 2.0 / OIDC token response (v2 endpoint): access, ID and refresh token.
    api = "api://6e5d4c3b-2a19-4807-b6c5-d4e3f2a1b0c9"
    client = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a"
    v2_iss = f"https://login.microsoftonline.com/{TENANT}/v2.0"
    at = {
        "aud": "6e5d4c3b-2a19-4807-b6c5-d4e3f2a1b0c9",
        "iss": v2_iss,
        "iat": IAT,
        "nbf": IAT,
        "exp": IAT + 3899,
        "aio": "sample",
        "azp": client,
        "azpacr": "1",
        "name": "Avery Doe",
        "oid": user_oid,
        "preferred_username": "avery@contoso.example",
        "rh": "sample.",
        "roles": ["Orders.Read"],
        "scp": "Orders.Read Orders.Write",
        "sid": "00a1b2c3-d4e5-4f60-8a9b-c0d1e2f3a4b5",
        "sub": "pairwise-subject-for-api",
        "tid": TENANT,
        "uti": "c2FtcGxlLXV0aS0z",
        "ver": "2.0",
    }
    idt = {
        "aud": client,
        "iss": v2_iss,
        "iat": IAT,
        "nbf": IAT,
        "exp": IAT + 3600,
        "email": "avery@contoso.example",
        "name": "Avery Doe",
        "nonce": "n-0S6_WzA2Mj",
        "oid": user_oid,
        "preferred_username": "avery@contoso.example",
        "rh": "sample.",
        "sid": "00a1b2c3-d4e5-4f60-8a9b-c0d1e2f3a4b5",
        "sub": "pairwise-subject-for-client",
        "tid": TENANT,
        "uti": "c2FtcGxlLXV0aS00",
        "ver": "2.0",
    }
    write_json(
        "oauth-response.json",
        {
            "token_type": "Bearer",
            "scope": f"{api}/Orders.Read {api}/Orders.Write openid profile email",
            "expires_in": 3899,
            "ext_expires_in": 3899,
            "access_token": sign(key, {"typ": "JWT", "alg": "RS256", "kid": kid}, at),
            "refresh_token": "1.AXEAsample-opaque-refresh-token-not-a-jwt-Zm9vYmFyYmF6cXV4",
            "id_token": sign(key, {"typ": "JWT", "alg": "RS256", "kid": kid}, idt),
        },
    )

    # 6. `curl -v` output with the managed identity token in an Authorization header.
    token = sign(key, header, mi)
    (HERE / "curl-verbose.txt").write_text(
        "*   Trying 10.0.0.4:443...\n"
        "* Connected to api.contoso.example (10.0.0.4) port 443\n"
        "> GET /subscriptions?api-version=2022-12-01 HTTP/1.1\n"
        "> Host: management.azure.com\n"
        f"> Authorization: Bearer {token}\n"
        "> User-Agent: curl/8.5.0\n"
        ">\n"
        "< HTTP/1.1 200 OK\n"
        "< Content-Type: application/json; charset=utf-8\n"
    )


if __name__ == "__main__":
    main()
