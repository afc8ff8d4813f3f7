//! Well-known Microsoft identifiers that appear as `aud`, `appid` or `azp` values.
//!
//! Only first-party IDs that Microsoft documents as stable are listed; anything else is left
//! unnamed rather than guessed.

/// A Microsoft resource (audience) in words.
pub fn resource(aud: &str) -> Option<&'static str> {
    let trimmed = aud.trim_end_matches('/').to_ascii_lowercase();
    Some(match trimmed.as_str() {
        "https://management.azure.com" | "https://management.core.windows.net" => {
            "Azure Resource Manager"
        }
        "797f4846-ba00-4fd7-ba43-dac1f8f63013" => {
            "Azure Resource Manager (Windows Azure Service Management API)"
        }
        "https://management.usgovcloudapi.net" | "https://management.core.usgovcloudapi.net" => {
            "Azure Resource Manager (US Government cloud)"
        }
        "https://management.chinacloudapi.cn" | "https://management.core.chinacloudapi.cn" => {
            "Azure Resource Manager (China cloud)"
        }
        "https://graph.microsoft.com" | "00000003-0000-0000-c000-000000000000" => "Microsoft Graph",
        "https://graph.windows.net" | "00000002-0000-0000-c000-000000000000" => {
            "Azure AD Graph (retired)"
        }
        "https://vault.azure.net" | "cfa8b339-82a2-471a-a3c9-0fc0be7a4093" => "Azure Key Vault",
        "https://storage.azure.com" | "e406a681-f3d4-42a8-90b6-c2b029497af1" => "Azure Storage",
        "https://database.windows.net" => "Azure SQL Database",
        "https://ossrdbms-aad.database.windows.net" => "Azure Database for PostgreSQL / MySQL",
        "https://cognitiveservices.azure.com" => "Azure AI services",
        "https://servicebus.azure.net" => "Azure Service Bus",
        "https://eventhubs.azure.net" => "Azure Event Hubs",
        "https://monitor.azure.com" => "Azure Monitor",
        "https://api.loganalytics.io" => "Azure Log Analytics",
        "https://kusto.kusto.windows.net" => "Azure Data Explorer",
        "499b84ac-1321-427f-aa17-267ca6975798" => "Azure DevOps",
        "6dae42f8-4368-4678-94ff-3960e28e3630" => "Azure Kubernetes Service AAD server",
        "https://analysis.windows.net/powerbi/api" => "Power BI",
        "https://outlook.office.com" | "https://outlook.office365.com" => "Exchange Online",
        _ => return None,
    })
}

/// A Microsoft first-party client application (`appid`/`azp`) in words.
pub fn client_app(id: &str) -> Option<&'static str> {
    Some(match id.to_ascii_lowercase().as_str() {
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46" => "Azure CLI",
        "1950a258-227b-4e31-a9cf-717495945fc2" => "Azure PowerShell",
        "14d82eec-204b-4c2f-b7e8-296a70dab67e" => "Microsoft Graph Command Line Tools",
        "de8bc8b5-d9f9-48b1-a8ad-b748da725064" => "Graph Explorer",
        "c44b4083-3bb0-49c1-b47d-974e53cbdf3c" => "Azure Portal",
        "872cd9fa-d31f-45e0-9eab-6e460a02d1f1" => "Visual Studio",
        "aebc6443-996d-45c2-90f0-388ff96faa56" => "Visual Studio Code",
        "d3590ed6-52b3-4102-aeff-aad2292ab01c" => "Microsoft Office",
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264" => "Microsoft Teams",
        _ => return None,
    })
}
