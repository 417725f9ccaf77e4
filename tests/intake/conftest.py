"""Fixtures shared by the intake tests."""
import pytest

from remiss.auth.models import Role
from remiss.auth.service import create_api_token
from tests.support.factories import T0, make_namnd, make_user


@pytest.fixture
def api(client, session):
    namnd = make_namnd(session)
    user = make_user(session, role=Role.registrator, namnder=[namnd])
    token = create_api_token(session, now=T0, user=user)
    session.commit()
    headers = {"Authorization": f"Bearer {token}"}

    def post(**kwargs):
        return client.post("/api/v1/missiv/parse", headers=headers, **kwargs)
    return post
