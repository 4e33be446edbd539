"""API key entries: a padded base64 key is a key, not a tenant name with the key "="."""

from api.security import load_keys


def test_padded_key_is_the_whole_entry():
    ring = load_keys(["dGVzdGtleQ=="])
    assert ring.tenant_of("=") is None
    assert ring.tenant_of("dGVzdGtleQ==") is not None


def test_tenant_prefix_still_names_the_tenant():
    ring = load_keys(["team-a=secret-a"])
    assert ring.tenant_of("secret-a") == "team-a"
    assert ring.tenant_of("team-a=secret-a") is None
