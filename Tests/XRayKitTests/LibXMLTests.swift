import Foundation
import Testing
@testable import XRayKit

/// IAM's and STS's XML answers read through libxml2 (opened on first use).
@Suite struct LibXMLTests {
    /// GetCallerIdentity as STS sends it: a namespace, an XML declaration, indentation.
    static let callerIdentity = """
        <?xml version="1.0" encoding="UTF-8"?>
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
          <GetCallerIdentityResult>
            <Arn>arn:aws:iam::111122223333:user/dev</Arn>
            <UserId>AIDAEXAMPLE</UserId>
            <Account>111122223333</Account>
          </GetCallerIdentityResult>
          <ResponseMetadata>
            <RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>
          </ResponseMetadata>
        </GetCallerIdentityResponse>
        """

    @Test func stsAnswerValues() {
        let values = XMLValues(Data(Self.callerIdentity.utf8))
        #expect(values.first("Account") == "111122223333")
        #expect(values.first("Arn") == "arn:aws:iam::111122223333:user/dev")
        #expect(values.all("RequestId") == ["01234567-89ab-cdef-0123-456789abcdef"])
        // Document order, ends first, like the answer's elements close.
        #expect(values.values.map(\.name).prefix(4) == ["Arn", "UserId", "Account", "GetCallerIdentityResult"])
        #expect(values.values.last?.name == "GetCallerIdentityResponse")
    }

    /// GetRolePolicy: the policy document is URL-encoded text with XML entities; an empty list element.
    @Test func iamAnswerTree() throws {
        let xml = """
            <GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <GetRolePolicyResult>
                <PolicyName>xray&amp;logs</PolicyName>
                <RoleName>app</RoleName>
                <PolicyDocument>%7B%22Version%22%3A%222012-10-17%22%7D</PolicyDocument>
                <Tags/>
                <Notes><![CDATA[a <b> c]]></Notes>
              </GetRolePolicyResult>
            </GetRolePolicyResponse>
            """
        let tree = XMLTree(Data(xml.utf8))
        #expect(tree.name == "GetRolePolicyResponse")
        let result = try #require(tree["GetRolePolicyResult"])
        #expect(result.children.map(\.name) == ["PolicyName", "RoleName", "PolicyDocument", "Tags", "Notes"])
        #expect(result["PolicyName"]?.text == "xray&logs")
        #expect(result["PolicyDocument"]?.text == "%7B%22Version%22%3A%222012-10-17%22%7D")
        #expect(result["Notes"]?.text == "a <b> c")
        let value = try #require(result.value(lists: ["Tags"]) as? [String: Any])
        #expect((value["Tags"] as? [Any])?.isEmpty == true)
        #expect(XMLValues(Data(xml.utf8)).first("PolicyName") == "xray&logs")
    }

    /// An error answer (a proxy's or AWS's) gives its code and message.
    @Test func errorAnswer() {
        let body = Data("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>".utf8)
        let failure = AWSClient.failure(.init(status: 403, body: body))
        #expect(failure.code == "AccessDenied" && failure.message == "not allowed")
    }

    /// Broken XML keeps what came before the error; an external entity is not read.
    @Test func brokenAndHostileXML() {
        #expect(XMLValues(Data("<a><b>1</b><c>".utf8)).values.map(\.name) == ["b"])
        #expect(XMLValues(Data()).values.isEmpty)
        let entity = """
            <?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>
            """
        #expect(!(XMLValues(Data(entity.utf8)).first("a") ?? "").contains("root:"))
    }

    @Test func aMissingLibxml2IsNamed() {
        guard case .failure(let missing) = LibXML.open(["libxrayctl-missing-xml.so.2"]) else {
            Issue.record("a library that does not exist was opened")
            return
        }
        #expect(missing.description.hasPrefix("IAM's and STS's XML answers (doctor --aws, audit) need libxrayctl-missing-xml.so.2, which cannot be loaded"))
        #expect(missing.description.contains("install libxml2"))
    }

    @Test func aLibraryWithoutLibxml2sFunctionsIsNamed() {
        guard case .failure(let notXML) = LibXML.open(["libc.so.6"]) else {
            Issue.record("libc was taken for libxml2")
            return
        }
        #expect(notXML.reasons == ["libc.so.6 has no xmlInitParser"])
    }
}
