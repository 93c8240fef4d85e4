package dev.partneraccess.it;

/** Access tokens for realm users, through the direct grant of the realm's public portal client. */
final class Tokens {

    private Tokens() {
    }

    static String password(String serverUrl, String realm, String username) {
        Api.Reply reply = TokenEndpoint.post(serverUrl, realm, "grant_type=password&client_id=" + PartnersRealm.PORTAL
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD));
        if (reply.status() != 200) {
            throw new IllegalStateException("token for " + username + ": " + reply);
        }
        return reply.text("access_token");
    }
}
