"""drf-spectacular extensions: the token scheme appears in the OpenAPI document."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ccnt.api.auth.ApiTokenAuthentication"
    name = "ApiToken"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Optional. `Token ccnt_…` — tokens are issued by the curators (admin → API tokens) "
            "and raise the rate limit. Anonymous requests are allowed at a lower rate.",
        }
