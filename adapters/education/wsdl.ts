import { escapeXml, NS, OPERATIONS, soapAction } from './soap';

// The WSDL 1.1 the bureau publishes at <endpoint>?wsdl: three document/literal (wrapped) operations,
// the UsernameToken requirement stated in the documentation (WS-Policy left out: the hub's client
// is hand-built and reads this file only as a description).

const xs = (name: string, type: string, extra = ''): string => `<xsd:element name="${name}" type="${type}"${extra}/>`;

export function wsdl(location: string): string {
  const tns = NS.service;
  const operations = OPERATIONS.map(
    (op) => `
    <wsdl:operation name="${op}">
      <soap:operation soapAction="${soapAction(op)}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="AssistanceReferralService" targetNamespace="${tns}"
  xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="${tns}">
  <wsdl:documentation>学生资助 社会救助转介服务（一门受理、协同办理）。每个请求须带 WS-Security UsernameToken（PasswordDigest，含 Nonce 与 Created，时差不超过5分钟，Nonce 不得重复）。ReferralId 为幂等键：同一 ReferralId 重复提交只受理一次，返回同一 ReceiptNo。督办单（SuperviseAssistanceReferral）以 NoticeId 为幂等键，只对已受理的转介接收，不含个人信息；督办答复经枢纽接口 answerSupervisionNotice 提交。</wsdl:documentation>
  <wsdl:types>
    <xsd:schema targetNamespace="${tns}" elementFormDefault="qualified">
      <xsd:simpleType name="SchoolStage">
        <xsd:restriction base="xsd:string">
          <xsd:enumeration value="XQ"/><xsd:enumeration value="XX"/><xsd:enumeration value="CZ"/><xsd:enumeration value="GZ"/>
          <xsd:enumeration value="ZZ"/><xsd:enumeration value="BZK"/><xsd:enumeration value="YJS"/>
        </xsd:restriction>
      </xsd:simpleType>
      <xsd:simpleType name="IdNumber">
        <xsd:restriction base="xsd:string"><xsd:pattern value="\\d{17}[\\dX]"/></xsd:restriction>
      </xsd:simpleType>
      <xsd:complexType name="Student">
        <xsd:sequence>${xs('Name', 'xsd:string')}${xs('IdNumber', 'tns:IdNumber')}${xs('SchoolStage', 'tns:SchoolStage')}</xsd:sequence>
      </xsd:complexType>
      <xsd:element name="SubmitAssistanceReferral">
        <xsd:complexType>
          <xsd:sequence>
            ${xs('ReferralId', 'xsd:string')}${xs('CaseNo', 'xsd:string')}${xs('TownshipCode', 'xsd:string')}
            ${xs('AcceptedDate', 'xsd:date')}${xs('DueDate', 'xsd:date')}${xs('ApplicantName', 'xsd:string')}
            <xsd:element name="Students">
              <xsd:complexType><xsd:sequence>${xs('Student', 'tns:Student', ' maxOccurs="20"')}</xsd:sequence></xsd:complexType>
            </xsd:element>
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="SubmitAssistanceReferralResponse">
        <xsd:complexType><xsd:sequence>${xs('ReceiptNo', 'xsd:string')}</xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="CancelAssistanceReferral">
        <xsd:complexType>
          <xsd:sequence>${xs('ReferralId', 'xsd:string')}${xs('CaseNo', 'xsd:string')}${xs('ReceiptNo', 'xsd:string', ' minOccurs="0"')}${xs('Reason', 'xsd:string')}</xsd:sequence>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="CancelAssistanceReferralResponse">
        <xsd:complexType><xsd:sequence>${xs('ReceiptNo', 'xsd:string')}</xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:simpleType name="SupervisedClock">
        <xsd:restriction base="xsd:string"><xsd:enumeration value="ACKNOWLEDGEMENT"/><xsd:enumeration value="RESOLUTION"/></xsd:restriction>
      </xsd:simpleType>
      <xsd:simpleType name="SupervisionLevel">
        <xsd:restriction base="xsd:string"><xsd:enumeration value="COUNTY"/><xsd:enumeration value="CITY"/></xsd:restriction>
      </xsd:simpleType>
      <xsd:element name="SuperviseAssistanceReferral">
        <xsd:complexType>
          <xsd:sequence>
            ${xs('NoticeId', 'xsd:string')}${xs('ReferralId', 'xsd:string')}${xs('CaseNo', 'xsd:string')}${xs('ReceiptNo', 'xsd:string', ' minOccurs="0"')}
            ${xs('Clock', 'tns:SupervisedClock')}${xs('Level', 'tns:SupervisionLevel')}${xs('SupervisorRegion', 'xsd:string')}
            ${xs('DueDate', 'xsd:date')}${xs('RaisedOn', 'xsd:date')}${xs('RespondBy', 'xsd:date')}
          </xsd:sequence>
        </xsd:complexType>
      </xsd:element>
      <xsd:element name="SuperviseAssistanceReferralResponse">
        <xsd:complexType><xsd:sequence>${xs('ReceiptNo', 'xsd:string')}</xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </wsdl:types>
  ${OPERATIONS.map(
    (op) => `<wsdl:message name="${op}Request"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message>
  <wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`,
  ).join('\n  ')}
  <wsdl:portType name="AssistanceReferralPortType">${OPERATIONS.map(
    (op) => `
    <wsdl:operation name="${op}"><wsdl:input message="tns:${op}Request"/><wsdl:output message="tns:${op}Response"/></wsdl:operation>`,
  ).join('')}
  </wsdl:portType>
  <wsdl:binding name="AssistanceReferralSoapBinding" type="tns:AssistanceReferralPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>${operations}
  </wsdl:binding>
  <wsdl:service name="AssistanceReferralService">
    <wsdl:port name="AssistanceReferralPort" binding="tns:AssistanceReferralSoapBinding">
      <soap:address location="${escapeXml(location)}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
`;
}
