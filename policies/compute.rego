package azure_mlops

import future.keywords.in

compute_props := props.properties

aml_compute {
	is_type("azure-native:machinelearningservices:Compute")
	compute_props.computeType == "AmlCompute"
}

compute_instance {
	is_type("azure-native:machinelearningservices:Compute")
	compute_props.computeType == "ComputeInstance"
}

# The landing-zone VM size and subnet policies cover clusters and instances alike
# (Azure/Enterprise-Scale Deny-MachineLearning-Compute-VmSize.json and -SubnetId.json: computeType
# in AmlCompute, ComputeInstance).
sized_compute {
	aml_compute
}

sized_compute {
	compute_instance
}

# METADATA
# title: ML computes disable local authentication
# custom:
#   mirrors: Azure Policy e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f (Azure Machine Learning Computes should have local authentication methods disabled)
#   fix: set disableLocalAuth to true
deny_compute_local_auth[msg] {
	is_type("azure-native:machinelearningservices:Compute")
	not compute_props.disableLocalAuth == true
	msg := sprintf("%s: local authentication must be disabled (disableLocalAuth true)", [input.__name])
}

# METADATA
# title: ML compute nodes have no public IP
# custom:
#   mirrors: Microsoft cloud security benchmark NS-2 (no public endpoints on compute); no built-in policy checks enableNodePublicIp
#   fix: set enableNodePublicIp to false (nodes then live in the managed network or your subnet)
deny_compute_node_public_ip[msg] {
	aml_compute
	not compute_props.properties.enableNodePublicIp == false
	msg := sprintf("%s: compute nodes must not get public IPs (enableNodePublicIp false)", [input.__name])
}

# METADATA
# title: ML compute clusters have no public SSH
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-ComputeCluster-RemoteLoginPortPublicAccess
#   fix: set remoteLoginPortPublicAccess to Disabled
deny_compute_remote_login_port[msg] {
	aml_compute
	not compute_props.properties.remoteLoginPortPublicAccess == "Disabled"
	msg := sprintf("%s: the SSH port must not be publicly reachable (remoteLoginPortPublicAccess Disabled)", [input.__name])
}

# METADATA
# title: ML compute clusters stay within the scale limits
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-ComputeCluster-Scale
#   fix: lower maxNodes / minNodes / idle time, or raise the environment's limits
deny_compute_scale[msg] {
	aml_compute
	limit := param("deny_compute_scale", "maxNodeCount", 10)
	compute_props.properties.scaleSettings.maxNodeCount > limit
	msg := sprintf("%s: maxNodes %v exceeds this environment's limit of %v", [input.__name, compute_props.properties.scaleSettings.maxNodeCount, limit])
}

deny_compute_scale[msg] {
	aml_compute
	limit := param("deny_compute_scale", "minNodeCount", 0)
	object.get(compute_props.properties.scaleSettings, "minNodeCount", 0) > limit
	msg := sprintf("%s: minNodes %v exceeds %v; idle nodes cost money", [input.__name, compute_props.properties.scaleSettings.minNodeCount, limit])
}

deny_compute_scale[msg] {
	aml_compute
	limit := param("deny_compute_scale", "maxNodeIdleTimeInSecondsBeforeScaleDown", 900)
	idle := alz_idle_seconds(compute_props.properties.scaleSettings.nodeIdleTimeBeforeScaleDown)
	idle > limit
	msg := sprintf("%s: nodes idle %v s before scale-down; the limit is %v s", [input.__name, idle, limit])
}

# Where the ALZ expression fails (int('') for PT15M or PT1H), Azure Policy's evaluation errors
# and the request is denied: the mirror refuses the same values.
deny_compute_scale[msg] {
	aml_compute
	d := compute_props.properties.scaleSettings.nodeIdleTimeBeforeScaleDown
	not alz_idle_seconds(d)
	msg := sprintf("%s: idle time %s is not in seconds (PT<n>S); the landing-zone Scale policy cannot parse it and Azure denies the compute", [input.__name, d])
}

# METADATA
# title: ML computes use allowed VM sizes
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-Compute-VmSize
#   fix: choose a VM size from the environment's allowedVmSizes
deny_compute_vm_size[msg] {
	sized_compute
	allowed := param("deny_compute_vm_size", "allowedVmSizes", default_vm_sizes)
	size := compute_props.properties.vmSize
	not size in allowed
	msg := sprintf("%s: VM size %s is not allowed here", [input.__name, size])
}

# The ALZ default list: allowedVmSizes of Azure/Enterprise-Scale's Deny-MachineLearning-Compute-VmSize
# (vendored in policies/azure/alz/; TestRegoDefaultVMSizesAreALZs compares the two).
default_vm_sizes := [
	"Standard_D1_v2", "Standard_D2_v2", "Standard_D3_v2", "Standard_D4_v2", "Standard_D11_v2", "Standard_D12_v2",
	"Standard_D13_v2", "Standard_D14_v2", "Standard_DS1_v2", "Standard_DS2_v2", "Standard_DS3_v2", "Standard_DS4_v2",
	"Standard_DS5_v2", "Standard_DS11_v2", "Standard_DS12_v2", "Standard_DS13_v2", "Standard_DS14_v2", "Standard_M8-2ms",
	"Standard_M8-4ms", "Standard_M8ms", "Standard_M16-4ms", "Standard_M16-8ms", "Standard_M16ms", "Standard_M32-8ms",
	"Standard_M32-16ms", "Standard_M32ls", "Standard_M32ms", "Standard_M32ts", "Standard_M64-16ms", "Standard_M64-32ms",
	"Standard_M64ls", "Standard_M64ms", "Standard_M64s", "Standard_M128-32ms", "Standard_M128-64ms", "Standard_M128ms",
	"Standard_M128s", "Standard_M64", "Standard_M64m", "Standard_M128", "Standard_M128m", "Standard_D1",
	"Standard_D2", "Standard_D3", "Standard_D4", "Standard_D11", "Standard_D12", "Standard_D13",
	"Standard_D14", "Standard_DS15_v2", "Standard_NV6", "Standard_NV12", "Standard_NV24", "Standard_F2s_v2",
	"Standard_F4s_v2", "Standard_F8s_v2", "Standard_F16s_v2", "Standard_F32s_v2", "Standard_F64s_v2", "Standard_F72s_v2",
	"Standard_NC6s_v3", "Standard_NC12s_v3", "Standard_NC24rs_v3", "Standard_NC24s_v3", "Standard_NC6", "Standard_NC12",
	"Standard_NC24", "Standard_NC24r", "Standard_ND6s", "Standard_ND12s", "Standard_ND24rs", "Standard_ND24s",
	"Standard_NC6s_v2", "Standard_NC12s_v2", "Standard_NC24rs_v2", "Standard_NC24s_v2", "Standard_ND40rs_v2", "Standard_NV12s_v3",
	"Standard_NV24s_v3", "Standard_NV48s_v3",
]

# METADATA
# title: ML computes use a user-assigned identity
# custom:
#   mirrors: CAF "create user-assigned managed identities for compute clusters"
#   fix: give the compute identity.type UserAssigned with the workspace identity
deny_compute_user_assigned_identity[msg] {
	is_type("azure-native:machinelearningservices:Compute")
	not contains(object.get(object.get(props, "identity", {}), "type", ""), "UserAssigned")
	msg := sprintf("%s: the compute must run as a user-assigned identity", [input.__name])
}

# METADATA
# title: ML computes outside the managed network use an approved subnet
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-Compute-SubnetId; Azure Policy 7804b5c7-01dc-4723-969b-ae300cc07ff1 (Azure Machine Learning Computes should be in a virtual network, which checks subnet.id)
#   fix: put the compute in one of the approved subnets (allowedSubnetIds)
deny_compute_subnet[msg] {
	sized_compute
	subnet := compute_props.properties.subnet.id
	allowed := param("deny_compute_subnet", "allowedSubnetIds", [])
	count(allowed) > 0
	not subnet in allowed
	msg := sprintf("%s: subnet %s is not an approved subnet", [input.__name, subnet])
}

# METADATA
# title: ML computes run in the managed network or a subnet
# custom:
#   mirrors: CAF landing zone Deny-MachineLearning-Compute-SubnetId (managed-network equivalent)
#   fix: use a managed network (isolationMode other than Disabled) or give the compute a subnet
stack_deny_compute_network[msg] {
	some c in stack_resources("azure-native:machinelearningservices:Compute")
	not c.properties.properties.subnet.id
	ws := dependency_of_type(c, "workspaceName", "azure-native:machinelearningservices:Workspace")
	object.get(object.get(ws, "managedNetwork", {}), "isolationMode", "Disabled") == "Disabled"
	msg := sprintf("%s: the compute has no subnet and its workspace %s has no managed network", [c.__name, ws.__name])
}

# METADATA
# title: ML compute instances have no public IP and no public SSH
# custom:
#   mirrors: Microsoft cloud security benchmark NS-2; learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance (SSH is off by default and cannot be changed after creation)
#   fix: set enableNodePublicIp to false and sshSettings.sshPublicAccess to Disabled
deny_compute_instance_public_access[msg] {
	compute_instance
	not compute_props.properties.enableNodePublicIp == false
	msg := sprintf("%s: the compute instance must not get a public IP (enableNodePublicIp false)", [input.__name])
}

deny_compute_instance_public_access[msg] {
	compute_instance
	not compute_props.properties.sshSettings.sshPublicAccess == "Disabled"
	msg := sprintf("%s: SSH to the compute instance must be disabled (sshSettings.sshPublicAccess Disabled)", [input.__name])
}

# METADATA
# title: ML compute instances shut down when idle
# custom:
#   mirrors: Azure Policy 679ddf89-ab8f-48a5-9029-e76054077449 (Azure Machine Learning Compute Instance should have idle shutdown)
#   fix: set idleMinutesBeforeShutdown on the compute instance (default 60)
deny_compute_instance_idle_shutdown[msg] {
	compute_instance
	not compute_props.properties.idleTimeBeforeShutdown
	msg := sprintf("%s: the compute instance has no idle shutdown (idleTimeBeforeShutdown)", [input.__name])
}

# METADATA
# title: ML compute instances stop within the environment's idle limit
# custom:
#   mirrors: this platform's policy.maxComputeInstanceIdleMinutes (default 60; Azure allows 15 min to 3 days, learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance#configure-idle-shutdown)
#   fix: lower idleMinutesBeforeShutdown, or raise policy.maxComputeInstanceIdleMinutes
deny_compute_instance_idle_limit[msg] {
	compute_instance
	limit := param("deny_compute_instance_idle_limit", "maxIdleMinutes", 60)
	m := iso_minutes(compute_props.properties.idleTimeBeforeShutdown)
	m > limit
	msg := sprintf("%s: the compute instance idles %v min before it stops; the limit here is %v min", [input.__name, m, limit])
}

deny_compute_instance_idle_limit[msg] {
	compute_instance
	d := compute_props.properties.idleTimeBeforeShutdown
	not iso_minutes(d)
	msg := sprintf("%s: idle shutdown %v is not an ISO 8601 duration in hours and minutes (e.g. PT60M)", [input.__name, d])
}

# iso_minutes reads PT<h>H<m>M, PT<h>H or PT<m>M as minutes.
iso_minutes(d) = m {
	is_string(d)
	parts := regex.find_all_string_submatch_n(`^PT(?:([0-9]+)H)?(?:([0-9]+)M)?$`, d, 1)
	count(parts) == 1
	d != "PT"
	m := (to_number(object.get({"": "0"}, parts[0][1], parts[0][1])) * 60) + to_number(object.get({"": "0"}, parts[0][2], parts[0][2]))
}

# METADATA
# title: ML compute instances are personal, assigned to one user
# custom:
#   mirrors: learn.microsoft.com/azure/machine-learning/how-to-create-compute-instance, section Create on behalf of (an instance assigned to one user, who alone can use it)
#   fix: set personalComputeInstanceSettings.assignedUser (computeInstances[].userObjectId)
deny_compute_instance_personal[msg] {
	compute_instance
	not compute_props.properties.personalComputeInstanceSettings.assignedUser.objectId
	msg := sprintf("%s: the compute instance is not assigned to a user (personalComputeInstanceSettings.assignedUser)", [input.__name])
}

# METADATA
# title: ML compute instances only where the environment allows them
# custom:
#   mirrors: this platform's profiles (prod refuses compute instances unless allowComputeInstances is set)
#   fix: remove the compute instance, or set allowComputeInstances in the stack
deny_compute_instance_allowed[msg] {
	compute_instance
	param("deny_compute_instance_allowed", "allowed", true) == false
	msg := sprintf("%s: compute instances are not allowed in this environment", [input.__name])
}
