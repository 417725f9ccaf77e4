"""The tillgänglighetsredogörelse (accessibility statement) that DOS-lagen requires: the text the admin keeps,
and the conformance the browser tests verified."""
