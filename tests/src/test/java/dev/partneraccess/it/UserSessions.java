package dev.partneraccess.it;

/** A partner user's own session, as an application sees it: log in, then refresh. */
final class UserSessions {

    private UserSessions() {
    }

    /** Logs the user in and answers the refresh token. */
    static String login(String serverUrl, String realm, String username) {
        Api.Reply reply = TokenEndpoint.post(serverUrl, realm, "grant_type=password&client_id=" + PartnersRealm.PORTAL
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD));
        if (reply.status() != 200) {
            throw new IllegalStateException("login of " + username + ": " + reply);
        }
        return reply.text("refresh_token");
    }

    /** Refreshes and answers the HTTP status: 200 while the session lives, 400 once it was ended. */
    static int refresh(String serverUrl, String realm, String refreshToken) {
        return TokenEndpoint.post(serverUrl, realm, "grant_type=refresh_token&client_id=" + PartnersRealm.PORTAL
                + "&refresh_token=" + Api.q(refreshToken)).status();
    }
}
