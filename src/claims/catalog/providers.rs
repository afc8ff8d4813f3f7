//! Other providers' vocabularies (Google, Okta, Auth0, Amazon Cognito, Keycloak, GitHub
//! Actions, Kubernetes), each described only for tokens from that provider.

use super::{Entry, Family, Values, only};

const ACR_KEYCLOAK: Values = &[
    (
        "0",
        "signed in silently through an existing session (SSO cookie)",
    ),
    ("1", "authenticated interactively during this sign-in"),
];

const TOKEN_USE_COGNITO: Values = &[("id", "ID token"), ("access", "access token")];

const SCOPE_COGNITO: Values = &[
    (
        "aws.cognito.signin.user.admin",
        "lets the token call the Cognito user pool API for the user's own account",
    ),
    ("openid", "OpenID Connect sign-in"),
    ("email", "access to email and email_verified"),
    ("phone", "access to phone_number and phone_number_verified"),
    (
        "profile",
        "access to the profile attributes the app client can read",
    ),
];

const TYP_KEYCLOAK: Values = &[
    ("Bearer", "access token"),
    ("ID", "ID token"),
    ("Refresh", "refresh token"),
    (
        "Offline",
        "offline token (a refresh token that survives the session)",
    ),
];

const GTY_AUTH0: Values = &[
    (
        "client-credentials",
        "machine-to-machine token: an application acting as itself",
    ),
    (
        "password",
        "resource owner password grant: the app handled the user's password",
    ),
];

const REF_TYPE_GITHUB: Values = &[("branch", "a branch"), ("tag", "a tag")];

const VISIBILITY_GITHUB: Values = &[
    ("public", "public repository"),
    ("private", "private repository"),
    (
        "internal",
        "internal repository (visible inside the enterprise)",
    ),
];

const RUNNER_GITHUB: Values = &[
    ("github-hosted", "a runner hosted by GitHub"),
    ("self-hosted", "a runner the repository owner operates"),
];

const EVENT_GITHUB: Values = &[
    ("push", "a push of commits or tags"),
    (
        "pull_request",
        "a pull request; runs without write access or secrets for forks",
    ),
    (
        "pull_request_target",
        "a pull request, run in the context of the base repository with its secrets; risky for pull requests from forks",
    ),
    ("workflow_dispatch", "started by hand or through the API"),
    ("schedule", "a scheduled (cron) run"),
    ("release", "a release event"),
    ("merge_group", "a merge queue"),
    (
        "workflow_run",
        "another workflow run finished or was requested",
    ),
    ("deployment", "a deployment was created"),
];

pub(super) static CLAIMS: &[Entry] = &[
    // -----------------------------------------------------------------------------------------
    // Google
    // -----------------------------------------------------------------------------------------
    only(
        Family::Google,
        "hd",
        "The Google Workspace domain of the account, absent for consumer accounts. Check it when only your organization's accounts may sign in, because the e-mail address alone does not prove membership.",
    ),
    only(
        Family::Google,
        "email",
        "The account's e-mail address; in a Compute Engine identity token, the service account's address. Rely on it only when email_verified is true.",
    ),
    only(
        Family::Google,
        "google",
        "Google-specific details: in a Compute Engine identity token, the VM's project, zone, instance name and ID and creation time (compute_engine). In an Identity-Aware Proxy assertion, the access levels the request met.",
    ),
    // -----------------------------------------------------------------------------------------
    // Okta
    // -----------------------------------------------------------------------------------------
    only(
        Family::Okta,
        "uid",
        "The Okta user ID of the user the access token was issued for; absent when no user is involved.",
    ),
    only(
        Family::Okta,
        "cid",
        "The client ID of the application that requested the access token.",
    ),
    only(
        Family::Okta,
        "scp",
        "The scopes granted to the access token, as a list.",
    ),
    only(Family::Okta, "ver", "The version of Okta's token format."),
    only(
        Family::Okta,
        "auth_time",
        "When the user last authenticated with Okta, which can be much earlier than when this token was issued.",
    )
    .timed(),
    only(
        Family::Okta,
        "idp",
        "The ID of the identity provider that authenticated the user; for users Okta authenticates itself, the Okta organization's ID.",
    ),
    // -----------------------------------------------------------------------------------------
    // Auth0
    // -----------------------------------------------------------------------------------------
    only(
        Family::Auth0,
        "gty",
        "The grant type that produced the token.",
    )
    .with_values(GTY_AUTH0),
    only(
        Family::Auth0,
        "permissions",
        "Permissions for this API granted to the user or application through Auth0 role-based access control, as a list.",
    ),
    only(
        Family::Auth0,
        "org_id",
        "The ID of the Auth0 Organization the user signed in through. An API serving several organizations must check it is the one expected.",
    ),
    only(
        Family::Auth0,
        "org_name",
        "The name of the Auth0 Organization the user signed in through.",
    ),
    // -----------------------------------------------------------------------------------------
    // Amazon Cognito user pools
    // -----------------------------------------------------------------------------------------
    only(
        Family::Cognito,
        "cognito:username",
        "The user's user name in the Cognito user pool.",
    ),
    only(
        Family::Cognito,
        "cognito:groups",
        "The user pool groups the user belongs to, as a list.",
    ),
    only(
        Family::Cognito,
        "cognito:roles",
        "The IAM role ARNs associated with the user's groups.",
    ),
    only(
        Family::Cognito,
        "cognito:preferred_role",
        "The IAM role ARN of the user's highest-priority group.",
    ),
    only(
        Family::Cognito,
        "token_use",
        "Which kind of Cognito token this is. An API must check it says access before accepting the token for authorization.",
    )
    .with_values(TOKEN_USE_COGNITO),
    only(
        Family::Cognito,
        "event_id",
        "An ID of the sign-in event that produced the token.",
    ),
    only(
        Family::Cognito,
        "origin_jti",
        "An ID shared by every token from the same sign-in, which Cognito uses to revoke them together.",
    ),
    only(
        Family::Cognito,
        "client_id",
        "The app client the access token was issued to. Cognito access tokens usually carry no aud claim, so check this instead.",
    ),
    only(
        Family::Cognito,
        "username",
        "The user's user name in the user pool.",
    ),
    only(
        Family::Cognito,
        "scope",
        "The scopes granted to the access token, space-separated.",
    )
    .with_values(SCOPE_COGNITO),
    only(
        Family::Cognito,
        "device_key",
        "The key of the device the user signed in from, when the user pool remembers devices.",
    ),
    only(
        Family::Cognito,
        "identities",
        "The external identity providers (such as Google or a SAML provider) linked to this user.",
    ),
    // -----------------------------------------------------------------------------------------
    // Keycloak
    // -----------------------------------------------------------------------------------------
    only(
        Family::Keycloak,
        "typ",
        "Which kind of Keycloak token this is.",
    )
    .with_values(TYP_KEYCLOAK),
    only(
        Family::Keycloak,
        "azp",
        "The client ID of the application the token was issued to.",
    ),
    only(
        Family::Keycloak,
        "session_state",
        "The ID of the user's Keycloak session; newer versions carry the same value in sid.",
    ),
    only(
        Family::Keycloak,
        "sid",
        "The ID of the user's Keycloak session.",
    ),
    only(
        Family::Keycloak,
        "realm_access",
        "The user's realm-wide roles, as an object with a roles list.",
    ),
    only(
        Family::Keycloak,
        "resource_access",
        "The user's roles per client, as an object with one entry per client ID, each holding a roles list.",
    ),
    only(
        Family::Keycloak,
        "allowed-origins",
        "The web origins allowed to use this token from a browser (CORS), taken from the client's settings.",
    ),
    only(
        Family::Keycloak,
        "acr",
        "How the user authenticated in this sign-in. Realms with step-up authentication use their own level names instead of these defaults.",
    )
    .with_values(ACR_KEYCLOAK),
    // -----------------------------------------------------------------------------------------
    // GitHub Actions OIDC
    // -----------------------------------------------------------------------------------------
    only(
        Family::GitHubActions,
        "sub",
        "Identifies the workflow job, by default as the repository plus its environment, pull request, branch or tag, such as repo:octo-org/octo-repo:ref:refs/heads/main. Cloud trust policies match on it, so they should match as narrowly as possible.",
    ),
    only(
        Family::GitHubActions,
        "aud",
        "By default the URL of the repository owner, such as https://github.com/octo-org; a workflow can ask for a different audience.",
    ),
    only(
        Family::GitHubActions,
        "actor",
        "The account that started the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "actor_id",
        "The numeric ID of the account that started the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "base_ref",
        "For a pull request run: the branch the pull request targets.",
    ),
    only(
        Family::GitHubActions,
        "head_ref",
        "For a pull request run: the branch the pull request comes from.",
    ),
    only(
        Family::GitHubActions,
        "check_run_id",
        "The check run ID of the current job.",
    ),
    only(
        Family::GitHubActions,
        "enterprise",
        "The name of the enterprise that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "enterprise_id",
        "The ID of the enterprise that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "environment",
        "The deployment environment the job uses, if any, whose protection rules then also guard the token.",
    ),
    only(
        Family::GitHubActions,
        "event_name",
        "The event that triggered the workflow run.",
    )
    .with_values(EVENT_GITHUB),
    only(
        Family::GitHubActions,
        "job_workflow_ref",
        "For a job in a reusable workflow: the path and ref of that reusable workflow file.",
    ),
    only(
        Family::GitHubActions,
        "job_workflow_sha",
        "For a job in a reusable workflow: the commit SHA of that reusable workflow file.",
    ),
    only(
        Family::GitHubActions,
        "ref",
        "The Git ref that triggered the run, such as refs/heads/main or refs/tags/v1.0.",
    ),
    only(
        Family::GitHubActions,
        "ref_type",
        "Whether ref is a branch or a tag.",
    )
    .with_values(REF_TYPE_GITHUB),
    only(
        Family::GitHubActions,
        "repository",
        "The repository the workflow runs in, as owner/name.",
    ),
    only(
        Family::GitHubActions,
        "repository_id",
        "The numeric ID of the repository, which unlike its name never changes.",
    ),
    only(
        Family::GitHubActions,
        "repository_owner",
        "The user or organization that owns the repository.",
    ),
    only(
        Family::GitHubActions,
        "repository_owner_id",
        "The numeric ID of the repository owner, which unlike its name never changes.",
    ),
    only(
        Family::GitHubActions,
        "repository_visibility",
        "The visibility of the repository.",
    )
    .with_values(VISIBILITY_GITHUB),
    only(
        Family::GitHubActions,
        "run_id",
        "The ID of the workflow run.",
    ),
    only(
        Family::GitHubActions,
        "run_number",
        "How many times this workflow has run in the repository, this run included.",
    ),
    only(
        Family::GitHubActions,
        "run_attempt",
        "Which attempt of the workflow run this is; it goes up each time the run is re-run.",
    ),
    only(
        Family::GitHubActions,
        "runner_environment",
        "Whether the job ran on a GitHub-hosted or a self-hosted runner.",
    )
    .with_values(RUNNER_GITHUB),
    only(
        Family::GitHubActions,
        "sha",
        "The commit SHA the workflow run was triggered for.",
    ),
    only(
        Family::GitHubActions,
        "workflow",
        "The name of the workflow.",
    ),
    only(
        Family::GitHubActions,
        "workflow_ref",
        "The path and ref of the workflow file, such as octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main.",
    ),
    only(
        Family::GitHubActions,
        "workflow_sha",
        "The commit SHA of the workflow file.",
    ),
    // -----------------------------------------------------------------------------------------
    // Kubernetes service accounts
    // -----------------------------------------------------------------------------------------
    only(
        Family::Kubernetes,
        "sub",
        "The service account, written as system:serviceaccount:namespace:name.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io",
        "Kubernetes details: the namespace, the service account's name and UID, and for a token bound to a pod, secret or node, that object's name and UID. It may also hold warnafter, the time after which the client should fetch a fresh token.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/namespace",
        "Legacy secret-based token, which never expires: the namespace of the service account.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/secret.name",
        "Legacy secret-based token: the name of the secret that holds the token.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/service-account.name",
        "Legacy secret-based token: the name of the service account.",
    ),
    only(
        Family::Kubernetes,
        "kubernetes.io/serviceaccount/service-account.uid",
        "Legacy secret-based token: the UID of the service account.",
    ),
];
