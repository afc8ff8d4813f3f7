//! Azure Resource Manager IDs in managed-identity tokens (`xms_mirid`, `xms_az_rid`).

use crate::report::AzureResource;

/// Parse `/subscriptions/{sub}/resourceGroups/{rg}/providers/{ns}/{type}/{name}[/{type}/{name}...]`.
/// Segment names are matched case-insensitively: tokens carry `resourcegroups` in lower case.
pub fn parse(id: &str) -> Option<AzureResource> {
    let segs: Vec<&str> = id.split('/').filter(|s| !s.is_empty()).collect();
    let [subs, sub, rgs, rg, providers, namespace, rest @ ..] = segs.as_slice() else {
        return None;
    };
    if !subs.eq_ignore_ascii_case("subscriptions")
        || !rgs.eq_ignore_ascii_case("resourcegroups")
        || !providers.eq_ignore_ascii_case("providers")
        || rest.len() < 2
        || rest.len() % 2 != 0
    {
        return None;
    }
    let types: Vec<&str> = rest.iter().step_by(2).copied().collect();
    let name = rest[rest.len() - 1];
    let resource_type = format!("{namespace}/{}", types.join("/"));
    let kind = match resource_type.to_ascii_lowercase().as_str() {
        "microsoft.compute/virtualmachines" => Some("virtual machine"),
        "microsoft.compute/virtualmachinescalesets" => Some("virtual machine scale set"),
        "microsoft.managedidentity/userassignedidentities" => {
            Some("user-assigned managed identity")
        }
        "microsoft.web/sites" => Some("App Service / Functions app"),
        "microsoft.app/containerapps" => Some("container app"),
        "microsoft.containerservice/managedclusters" => Some("AKS cluster"),
        "microsoft.hybridcompute/machines" => Some("Azure Arc machine"),
        "microsoft.logic/workflows" => Some("logic app"),
        "microsoft.automation/automationaccounts" => Some("automation account"),
        "microsoft.datafactory/factories" => Some("data factory"),
        _ => None,
    };
    Some(AzureResource {
        subscription_id: (*sub).to_string(),
        resource_group: (*rg).to_string(),
        resource_type,
        name: name.to_string(),
        kind,
        id: id.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_and_uami_ids() {
        let r = parse("/subscriptions/0000-1/resourcegroups/rg-prod/providers/Microsoft.Compute/virtualMachines/vm1").unwrap();
        assert_eq!(r.subscription_id, "0000-1");
        assert_eq!(r.resource_group, "rg-prod");
        assert_eq!(r.resource_type, "Microsoft.Compute/virtualMachines");
        assert_eq!(r.name, "vm1");
        assert_eq!(r.kind, Some("virtual machine"));
        let r = parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1").unwrap();
        assert_eq!(r.kind, Some("user-assigned managed identity"));
    }

    #[test]
    fn nested_types_and_garbage() {
        let r = parse(
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites/app/slots/staging",
        )
        .unwrap();
        assert_eq!(r.resource_type, "Microsoft.Web/sites/slots");
        assert_eq!(r.name, "staging");
        assert!(parse("/subscriptions/s").is_none());
        assert!(parse("not an id").is_none());
        assert!(parse("/subscriptions/s/resourceGroups/g/providers/Microsoft.Web/sites").is_none());
    }
}
